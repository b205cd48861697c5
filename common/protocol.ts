/**
 * Custom messages between the APIM Network Lint client and server (types only: imported by both sides).
 */

/** Method of the server → client notification that tells the state of one analysed document. */
export const documentStatusMethod = 'apimNetwork/documentStatus';

/** Sent after every analysis, so the client can show a status bar item for the active ARM document. */
export interface DocumentStatus {
  readonly uri: string;
  readonly version: number;
  /** false: not an ARM template (the server stays silent on it). */
  readonly isTemplate: boolean;
  readonly errors: number;
  readonly warnings: number;
  readonly infos: number;
  readonly hints: number;
  /** Linting is switched off for this resource by `apimNetwork.enable: false`. */
  readonly disabled?: boolean;
}
