# The Fleetlab server with the built dashboard, for docker-compose.yml.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json tsconfig.base.json ./
COPY shared/package.json shared/
COPY simulator/package.json simulator/
COPY server/package.json server/
COPY client/package.json client/
COPY agent/package.json agent/
COPY test/package.json test/
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
# Production also needs FLEETLAB_PUBLIC_URL (and a way to sign in): see docker-compose.yml.
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000
WORKDIR /app
COPY --from=build /app /app
USER node
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=5s CMD node -e "fetch('http://127.0.0.1:'+process.env.PORT+'/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# V8 keeps its heap under 512 MB (the server needs ~200 MB at full ingest load); without
# a limit it lets garbage pile up to twice that before collecting it.
CMD ["node", "--max-old-space-size=512", "server/dist/main.js"]
