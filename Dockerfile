# Multi-stage build: the SQLite driver is compiled in the build stage; the runtime stage holds only
# production dependencies and runs as the unprivileged `node` user.
FROM node:20-bookworm-slim AS build
WORKDIR /app
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --omit=dev

FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    DB_PATH=/app/var/ai-news.db
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY package.json tsconfig.json ./
COPY src ./src
COPY commands ./commands
COPY data ./data
COPY seeds ./seeds
RUN mkdir -p /app/var && chown node:node /app/var
USER node
VOLUME ["/app/var"]
EXPOSE 3000
# node itself is PID 1 and handles SIGTERM (npm would not forward it): `docker stop` shuts down gracefully.
STOPSIGNAL SIGTERM
CMD ["node", "--import", "tsx", "src/main.ts"]
