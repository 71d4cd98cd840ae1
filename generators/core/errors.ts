/** Wrong use of the command line or a missing definitions folder: exit 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** A bug of the compiler itself, wrapped with what was being built: exit 2. */
export class InternalError extends Error {
  override readonly name = 'InternalError';
}
