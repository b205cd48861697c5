import { LSPErrorCodes, ResponseError, type CancellationToken } from 'vscode-languageserver/node';

/** Thrown (as an LSP error) when the client cancelled the request. */
export function cancelled(): ResponseError<void> {
  return new ResponseError(LSPErrorCodes.RequestCancelled, 'Request cancelled');
}

/** Thrown when a newer document version arrived while we worked: the client asks again for the new one. */
export function superseded(): ResponseError<{ retriggerRequest: boolean }> {
  return new ResponseError(LSPErrorCodes.ServerCancelled, 'Document changed', { retriggerRequest: true });
}

/** Lets queued notifications (a didChange right behind this request, a $/cancelRequest) run first. */
export function yieldToQueue(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * Runs a request handler: honours cancellation before and after the work, turns an unexpected exception into
 * `fallback` plus one logged error (a bug in one feature must not take the language server down).
 */
export async function runSafe<T>(
  log: (message: string) => void,
  what: string,
  token: CancellationToken,
  fallback: T,
  work: () => Promise<T>,
): Promise<T> {
  await yieldToQueue();
  if (token.isCancellationRequested) throw cancelled();
  try {
    const result = await work();
    if (token.isCancellationRequested) throw cancelled();
    return result;
  } catch (e) {
    if (e instanceof ResponseError) throw e;
    log(`${what} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    return fallback;
  }
}
