import type { Connection } from 'vscode-languageserver/node';
import { defaultSettings, type ExtensionSettings } from '../../common/settings';
import { parseSettings } from './settings';

/**
 * Per-resource `apimNetwork` settings: asked with workspace/configuration (scopeUri) when the client supports
 * it, else taken from the last workspace/didChangeConfiguration. Cached until the configuration changes.
 * Each distinct warning about a wrong-typed value is logged once per configuration change.
 */
export class SettingsStore {
  readonly #connection: Connection;
  readonly #byUri = new Map<string, Promise<ExtensionSettings>>();
  readonly #warned = new Set<string>();
  #pushed: ExtensionSettings = defaultSettings;
  canAsk = false;

  constructor(connection: Connection) {
    this.#connection = connection;
  }

  get(uri: string): Promise<ExtensionSettings> {
    if (!this.canAsk) return Promise.resolve(this.#pushed);
    let settings = this.#byUri.get(uri);
    if (!settings) {
      settings = this.#connection.workspace
        .getConfiguration({ scopeUri: uri, section: 'apimNetwork' })
        .then((raw: unknown) => parseSettings(raw, (m) => this.#warn(m)))
        .catch((e: unknown) => {
          this.#warn(`apimNetwork: could not read settings (${e instanceof Error ? e.message : String(e)}); using defaults`);
          return defaultSettings;
        });
      this.#byUri.set(uri, settings);
    }
    return settings;
  }

  /** A configuration change: forget everything; `pushed` is the notification's payload (whole settings object). */
  reset(pushed?: unknown): void {
    this.#byUri.clear();
    this.#warned.clear();
    if (!this.canAsk && pushed && typeof pushed === 'object') {
      this.#pushed = parseSettings((pushed as Record<string, unknown>).apimNetwork, (m) => this.#warn(m));
    }
  }

  forget(uri: string): void {
    this.#byUri.delete(uri);
  }

  #warn(message: string): void {
    if (this.#warned.has(message)) return;
    this.#warned.add(message);
    this.#connection.console.warn(message);
  }
}
