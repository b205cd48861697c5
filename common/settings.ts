/** The `apimNetwork.*` settings as the server uses them, after validation. */
export type RuleLevelSetting = 'off' | 'hint' | 'info' | 'warning' | 'error';

export interface ExtensionSettings {
  /** `apimNetwork.enable`: lint at all. */
  readonly enable: boolean;
  /** `apimNetwork.rules`: rule id → level. */
  readonly rules: Readonly<Record<string, RuleLevelSetting>>;
  /** `apimNetwork.parameterFiles`: template glob or path → parameter file path (both relative to the workspace folder). */
  readonly parameterFiles: Readonly<Record<string, string>>;
  /** `apimNetwork.maxFileSize`: bytes; larger documents are not analysed. undefined = the engine's default. */
  readonly maxFileSize?: number;
  /** `apimNetwork.resourceGroupLocation`: what `resourceGroup().location` is; undefined = apim-network.json's, else unknown. */
  readonly resourceGroupLocation?: string;
}

export const defaultSettings: ExtensionSettings = { enable: true, rules: {}, parameterFiles: {} };
