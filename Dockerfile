# One image for every Node process of the platform (subgraphs, gateway, dashboard, migrations).
# docker-compose.yml chooses the command of each service.

# Every workspace's package.json and the lock file, nothing else: the install layer below is
# rebuilt only when these change, and a new workspace is picked up without editing this file.
FROM node:20-bookworm-slim AS manifests
WORKDIR /app
COPY . .
RUN find . -type f ! -name package.json ! -name package-lock.json -delete \
 && find . -depth -type d -empty -delete

FROM node:20-bookworm-slim
WORKDIR /app
# Prisma's native schema engine is never used (migrations run on the Wasm engine); pointing Prisma
# at /bin/false stops @prisma/engines' install script from downloading it.
ENV PRISMA_SCHEMA_ENGINE_BINARY=/bin/false \
    NPM_CONFIG_UPDATE_NOTIFIER=false
COPY --from=manifests /app ./
# devDependencies are installed too: every process runs its TypeScript through tsx.
# Install scripts are deferred: the root postinstall (prisma generate) needs the sources.
RUN npm ci --ignore-scripts && npm cache clean --force
COPY . .
# Runs the install scripts skipped above, then the root postinstall: one Prisma client per service.
RUN npm rebuild
# The dashboard's production build (offline: SWC comes from an npm package), served by `next start`,
# which keeps its cache under .next: that folder belongs to the user the processes run as.
RUN NEXT_TELEMETRY_DISABLED=1 npm run build --workspace @kdn/dashboard && chown -R node:node dashboard/.next

ENV NODE_ENV=production \
    APOLLO_TELEMETRY_DISABLED=1
USER node
