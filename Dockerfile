# syntax=docker/dockerfile:1
# The gateway as a container: dependencies are installed (and the Prisma client generated)
# in a build stage; the runtime stage carries production dependencies and sources only, and
# runs as the unprivileged `node` user. TypeScript runs through tsx, as with `npm start`.

FROM node:20-bookworm-slim AS build
WORKDIR /app
# Manifests and the Prisma schema first, so the dependency layer is reused while only sources change.
COPY package.json package-lock.json prisma.config.ts ./
COPY prisma ./prisma
RUN npm ci --no-audit --no-fund
COPY src ./src
COPY scripts ./scripts
COPY client/generated ./client/generated
RUN npm prune --omit=dev --no-audit --no-fund

FROM node:20-bookworm-slim
ENV NODE_ENV=production HOST=0.0.0.0 PORT=4000
WORKDIR /app
COPY --from=build /app/package.json /app/prisma.config.ts ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/prisma ./prisma
COPY --from=build /app/src ./src
COPY --from=build /app/scripts ./scripts
COPY --from=build /app/client/generated ./client/generated
# Only the embedded database (no DATABASE_URL) writes here.
RUN mkdir -p /app/.data && chown node:node /app/.data
USER node
EXPOSE 4000
# Liveness only; orchestrators that route traffic should probe /ready (database and migrations).
HEALTHCHECK --interval=15s --timeout=3s --start-period=30s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:' + (process.env.PORT || 4000) + '/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"
# node itself as PID 1 (not npm), so SIGTERM reaches the graceful shutdown in src/server.ts.
# The same flags as npm start (--max-semi-space-size: docs/PERFORMANCE.md, "Memory").
CMD ["node", "--max-semi-space-size=8", "--import", "tsx", "src/server.ts"]
