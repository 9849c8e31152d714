// Placeholder: replaced by the plot panel.
export {};
