// The contract between the VS Code client and the language server: custom messages, command ids
// and the settings shape. Plain strings and types only, so both sides (and other editors) share it.

import type { LayerStack } from '../server/model/layerStack';
import type { SeveritySetting } from '../server/rules/types';
import type { ParamValues } from './activations/types';

/** Diagnostic `source` and the settings section. */
export const SOURCE = 'activation-lens';
export const SETTINGS_SECTION = 'activationLens';

/** Code action kind of "fix all auto-fixable findings" (a `source.fixAll` sub-kind, for codeActionsOnSave). */
export const FIX_ALL_KIND = 'source.fixAll.activation-lens';

/** `activationLens.*` settings, as the client returns them for `workspace/configuration`. */
export interface EditorSettings {
  enable: boolean;
  /** Per-rule severity overrides; missing codes keep the rule's default. */
  severity: Record<string, SeveritySetting>;
  /** null: pyproject.toml's value or the rule default. */
  act001Threshold: number | null;
  /** Globs (gitignore syntax, relative to the workspace folder) of files never analysed. */
  exclude: string[];
  /** Files larger than this (bytes) are not analysed. */
  maxFileSize: number;
  /** Source code with a longer line (characters) is not analysed: minified or generated. */
  maxLineLength: number;
  /** Model configs with more layers are not analysed. */
  maxLayers: number;
  /** Folder names the workspace scan never enters. */
  skipFolders: string[];
  hover: { plotLink: boolean };
  codeLens: { enable: boolean };
}

/**
 * Folders a walk of the workspace never enters, by name: version control, dependencies and virtual
 * environments, caches, build output (setuptools' build/lib copies the sources, dist/ holds bundles
 * that may inline TF.js) and experiment trackers' copies of the code (under wandb/, each run keeps files/code).
 */
export const DEFAULT_SKIP_FOLDERS: readonly string[] = [
  '.git', '.hg', '.svn', 'node_modules', 'bower_components', '__pycache__', '__pypackages__', 'site-packages', '.venv', 'venv',
  '.tox', '.nox', '.eggs', '.mypy_cache', '.pytest_cache', '.ruff_cache', '.ipynb_checkpoints', '.cache', 'build', 'dist', 'wandb',
];

export const DEFAULT_EDITOR_SETTINGS: EditorSettings = {
  enable: true,
  severity: {},
  act001Threshold: null,
  exclude: [],
  maxFileSize: 5 * 1024 * 1024,
  maxLineLength: 100_000,
  maxLayers: 5000,
  skipFolders: [...DEFAULT_SKIP_FOLDERS],
  hover: { plotLink: true },
  codeLens: { enable: true },
};

/** Gradient estimate through one stack; entry k belongs to layer `layerIndex[k]` of the stack. */
export interface StackGradient {
  layerIndex: number[];
  bound: number[];
  typical: number[];
  assumptions: string;
  /** The initialisation `typical` assumes (`PyTorch default init`); absent for the activation-only estimate. */
  init?: string;
}

export interface StackInfo extends LayerStack {
  gradient: StackGradient;
}

/** Request, client → server: the layer stacks of one document, with their gradient estimates. */
export const STACKS_REQUEST = 'activationLens/stacks';
export interface StacksParams { uri: string }
export interface StacksResult { stacks: StackInfo[] }

/** Notification, server → client: the background workspace scan started (`scanning`) or ended. */
export const SCAN_STATUS_NOTIFICATION = 'activationLens/scanStatus';
export interface ScanStatusParams { scanning: boolean; done: number; total: number }

/** Command ids contributed in package.json. */
export const COMMANDS = {
  restartServer: 'activationLens.restartServer',
  showStacks: 'activationLens.showStacks',
  plotActivation: 'activationLens.plotActivation',
  plotGradientFlow: 'activationLens.plotGradientFlow',
} as const;

/** Argument of `activationLens.plotActivation` (hover link): one activation with its parameters. */
export interface PlotActivationArgs { id: string; params: ParamValues }
/** Argument of `activationLens.plotGradientFlow` (code lens): one stack of one document. */
export interface PlotGradientFlowArgs { uri: string; stackIndex: number }
