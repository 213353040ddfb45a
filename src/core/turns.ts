/**
 * How the bot shares the turns of Node's event loop between taking in requests and working out
 * answers, so that a burst is acknowledged in time.
 *
 * Node accepts at most one new connection per turn of its event loop. A turn spent on a hundred
 * requests leaves every new connection waiting in the kernel's queue, unread: on a freshly started
 * process under a burst, that was seconds before some requests were even read (Slack gives up on an
 * acknowledgement after 3 s). So turns are kept short:
 * - Requests are taken in (handed to their route, which reads, verifies and acknowledges them) a few
 *   per turn: fewer when the last turn ran over TURN_TARGET_MS, one more when it did not.
 * - Answers are worked out one per turn, in the order the requests came; while requests wait to be
 *   taken in, only one turn in WORK_EVERY_BUSY_TURNS starts an answer. Answers can wait a little;
 *   acknowledgements cannot.
 * - Urgent answers, those that are themselves the acknowledgement (a Discord interaction must be
 *   answered or deferred within 3 s), have a lane of their own: at least one starts on every turn,
 *   ahead of the others, whatever waits to be taken in. While they are quick, more start on one turn
 *   (one more each turn, up to MAX_URGENT_PER_TURN), and half as many when the last turn ran over
 *   TURN_TARGET_MS: a burst is answered in fewer turns of the loop, each of which costs a poll of
 *   every socket.
 */

/** The length of turn the intake aims for while requests wait. */
const TURN_TARGET_MS = 2;
/** The most requests taken in on one turn, and how many the first busy turn takes. */
const MAX_INTAKE_PER_TURN = 32;
const FIRST_INTAKE_PER_TURN = 8;
/** The most urgent answers started on one turn. */
const MAX_URGENT_PER_TURN = 16;
/** While requests wait to be taken in, one turn in this many also starts an answer. */
const WORK_EVERY_BUSY_TURNS = 4;

/** How many to start on the next turn: half as many after a turn over TURN_TARGET_MS, else one more. */
function nextPerTurn(perTurn: number, lastTurnMs: number, most: number): number {
  return lastTurnMs > TURN_TARGET_MS ? Math.max(1, Math.floor(perTurn / 2)) : Math.min(most, perTurn + 1);
}

export class Turns {
  private readonly intake: (() => void)[] = [];
  private readonly work: (() => void)[] = [];
  private readonly urgent: (() => void)[] = [];
  private scheduled = false;
  private intakePerTurn = FIRST_INTAKE_PER_TURN;
  private urgentPerTurn = 1;
  /** When the last turn that left urgent answers waiting began. */
  private urgentSince: number | undefined;
  /** When the last turn that left requests waiting began. */
  private busySince: number | undefined;
  private busyTurns = 0;

  /** Runs `task` (taking in one request) on a coming turn, in order; it should not throw. */
  takeIn(task: () => void): void {
    this.intake.push(task);
    this.schedule();
  }

  /** Resolves on a coming turn of this piece of work's own, in order; `urgent` work goes first. */
  workTurn(urgent = false): Promise<void> {
    return new Promise<void>((resolve) => {
      (urgent ? this.urgent : this.work).push(resolve);
      this.schedule();
    });
  }

  /** Requests waiting to be taken in, and pieces of work waiting for their turn. */
  get waiting(): { intake: number; work: number } {
    return { intake: this.intake.length, work: this.work.length + this.urgent.length };
  }

  private schedule(): void {
    if (this.scheduled || this.intake.length + this.work.length + this.urgent.length === 0) return;
    this.scheduled = true;
    setImmediate(() => this.turn());
  }

  private turn(): void {
    this.scheduled = false;
    const now = performance.now();
    if (this.busySince !== undefined)
      this.intakePerTurn = nextPerTurn(this.intakePerTurn, now - this.busySince, MAX_INTAKE_PER_TURN);
    for (let i = 0; i < this.intakePerTurn && this.intake.length > 0; i++) {
      const task = this.intake.shift() as () => void;
      try {
        task();
      } catch {
        // A task that throws is a bug of its own; the requests behind it are still taken in.
      }
    }
    const busy = this.intake.length > 0;
    this.busySince = busy ? now : undefined;
    this.busyTurns = busy ? this.busyTurns + 1 : 0;
    // The next burst starts afresh.
    if (!busy) this.intakePerTurn = FIRST_INTAKE_PER_TURN;
    if (this.urgentSince !== undefined)
      this.urgentPerTurn = nextPerTurn(this.urgentPerTurn, now - this.urgentSince, MAX_URGENT_PER_TURN);
    for (let i = 0; i < this.urgentPerTurn && this.urgent.length > 0; i++) this.urgent.shift()?.();
    this.urgentSince = this.urgent.length > 0 ? now : undefined;
    // The next burst starts afresh.
    if (this.urgentSince === undefined) this.urgentPerTurn = 1;
    if (!busy || this.busyTurns % WORK_EVERY_BUSY_TURNS === 0) this.work.shift()?.();
    this.schedule();
  }
}

/** The process's one share-out of turns: the HTTP server's intake and the dispatcher's work. */
export const loopTurns = new Turns();
