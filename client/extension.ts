// Placeholder: replaced by the language client.
export function activate(): void {}
export function deactivate(): void {}
