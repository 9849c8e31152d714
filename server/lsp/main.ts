// Placeholder: replaced by the language server.
export {};
