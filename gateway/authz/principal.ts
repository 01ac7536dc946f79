/**
 * Who is asking. Until authentication is configured every request is anonymous, and anonymous
 * principals see public fields only (DESIGN "Identity": no token means an anonymous principal).
 */
export interface Principal {
  readonly authenticated: boolean;
  readonly subject: string | null;
  readonly organisation: string | null;
  readonly scopes: ReadonlySet<string>;
}

export const ANONYMOUS: Principal = Object.freeze({
  authenticated: false,
  subject: null,
  organisation: null,
  scopes: new Set<string>(),
});
