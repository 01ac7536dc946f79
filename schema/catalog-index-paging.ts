// The index's page sizes, apart from its SDL so that configuration code can read them without
// loading graphql (the gateway's start-up keeps heavy packages off its static imports, gateway/main.ts).

export const MAX_PAGE_SIZE = 1000;
export const DEFAULT_PAGE_SIZE = 20;
