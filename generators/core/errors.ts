/** Wrong use of the command line or a missing definitions folder: exit 2. */
export class UsageError extends Error {
  override readonly name: string = 'UsageError';
}

/** A bug of the compiler itself, wrapped with what was being built: exit 2. */
export class InternalError extends Error {
  override readonly name = 'InternalError';
}

/** A command refused to run because it would harm the user's files: exit 2, without the usage text. */
export class RefusedError extends UsageError {
  override readonly name = 'RefusedError';
}
