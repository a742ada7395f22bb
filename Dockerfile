# One image for Davar's worker, API and gateway simulator; the command picks which.
FROM node:20-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY --from=deps /app/node_modules ./node_modules
COPY package.json tsconfig.json ./
COPY domain ./domain
COPY workflows ./workflows
COPY activities ./activities
COPY gateway ./gateway
COPY db ./db
COPY worker ./worker
COPY api ./api
COPY scripts ./scripts
USER node
# tsx runs the TypeScript sources directly; the worker bundles workflow code at start.
CMD ["npx", "tsx", "api/main.ts"]
