# One image for both processes (web and worker); docker-compose.yml chooses the mode.
# Node 24 is the current LTS; the major is pinned so an upgrade is a deliberate edit.
FROM node:24-bookworm-slim

# Chromium for rendering pages; python3/make/g++ because better-sqlite3 may compile from source.
RUN apt-get update \
 && apt-get install -y --no-install-recommends chromium fonts-dejavu-core fonts-noto-color-emoji python3 make g++ ca-certificates \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY . .
# `npm ci` compiles the TypeScript into dist/ (the `prepare` script), which needs the development dependencies;
# they are removed again once the JavaScript is built. The service then starts as plain JavaScript.
RUN npm ci --no-audit --no-fund && npm prune --omit=dev && npm cache clean --force

# NODE_OPTIONS: Node 24 sizes V8's young generation from the machine's memory, where Node 20 kept it at 16 MB a
# semi-space; on 24 GiB the scanning process then held ~125 MiB more (bench/README.md, "Node 24's young
# generation"). 16 MB keeps every process of the image (web, worker, CLI) at Node 20's bound; the pipeline bench
# scanned as many pages a minute with it.
ENV NODE_ENV=production \
    NODE_OPTIONS=--max-semi-space-size=16 \
    HOST=0.0.0.0 \
    PORT=8080 \
    DATA_DIR=/data \
    CHROMIUM_PATH=/usr/bin/chromium \
    NODE_COMPILE_CACHE=/tmp/node-compile-cache

RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 8080

HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||8080)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]

CMD ["node", "dist/src/main.js"]
