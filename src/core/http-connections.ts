import type { Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

/** A server's connections, closed without cutting a request short. */
export interface ConnectionDrain {
  /**
   * From now on every response, those already in flight included, tells its client to close the
   * connection (`Connection: close`) and the connection is closed once the response is sent. Call it
   * before the server's close(): keep-alive connections then end after their current request, and
   * none is reset in the middle of one.
   */
  closing(): void;
  /** Destroys the connections still open (requests that outlived the grace period); how many there were. */
  destroyRemaining(): number;
}

/** Tracks `server`'s requests, for a shutdown that lets each finish and then closes its connection. */
export function drainConnections(server: Server): ConnectionDrain {
  const inFlight = new Set<ServerResponse>();
  /** Every open connection, and whether a request is in progress on it. */
  const sockets = new Map<Socket, boolean>();
  let closing = false;
  server.on('connection', (socket: Socket) => {
    sockets.set(socket, false);
    socket.once('close', () => sockets.delete(socket));
  });
  const closeAfter = (response: ServerResponse) => {
    if (!response.headersSent) response.setHeader('connection', 'close');
    else {
      // Headers already out with keep-alive: end the connection once this response is sent. The
      // socket is taken now: by the time 'finish' reaches us, Node has detached it from the response.
      const socket = response.socket;
      response.once('finish', () => socket?.end());
    }
  };
  server.on('request', (request, response: ServerResponse) => {
    inFlight.add(response);
    sockets.set(request.socket, true);
    response.once('close', () => {
      inFlight.delete(response);
      if (sockets.has(request.socket)) sockets.set(request.socket, false);
    });
    if (closing) closeAfter(response);
  });
  return {
    closing() {
      if (closing) return;
      closing = true;
      for (const response of inFlight) closeAfter(response);
      // Connections with no request in progress are closed now: kept alive after one, or opened and
      // never used (which Node's own closeIdleConnections() leaves open until its headers timeout).
      for (const [socket, busy] of sockets) if (!busy) socket.destroy();
    },
    destroyRemaining() {
      const remaining = inFlight.size;
      server.closeAllConnections();
      return remaining;
    },
  };
}
