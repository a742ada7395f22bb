# One image for Davar's worker, API and gateway simulator; the command picks which.
FROM node:20-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund

# The staff console: built with the dev dependencies, only its static files go into the image.
FROM node:20-bookworm-slim AS console
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY domain ./domain
COPY console ./console
RUN npm run console:build

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
COPY --from=console /app/console/dist ./console/dist
USER node
# tsx runs the TypeScript sources directly; the worker bundles workflow code at start.
CMD ["npx", "tsx", "api/main.ts"]
