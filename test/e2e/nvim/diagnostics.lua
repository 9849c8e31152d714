-- Headless Neovim 0.7 as an LSP client of the Activation Lens server: attach it to the buffer of
-- the file given on the command line, wait for its diagnostics, write them to $AL_OUT as JSON, quit.
-- The file is then checked by test/e2e/neovim.ts.

local out = assert(os.getenv('AL_OUT'), 'AL_OUT not set')
local timeout = tonumber(os.getenv('AL_TIMEOUT_MS') or '20000')

local client_id = vim.lsp.start_client({
  name = 'activation-lens',
  cmd = { 'node', assert(os.getenv('AL_SERVER'), 'AL_SERVER not set'), '--stdio' },
  root_dir = assert(os.getenv('AL_ROOT'), 'AL_ROOT not set'),
})
local attached = client_id ~= nil and vim.lsp.buf_attach_client(0, client_id)

local arrived = attached and vim.wait(timeout, function()
  return #vim.diagnostic.get(0) > 0
end, 50)

local diagnostics = {}
for _, d in ipairs(vim.diagnostic.get(0)) do
  local lsp = d.user_data and d.user_data.lsp or {}
  table.insert(diagnostics, {
    line = d.lnum + 1,
    column = d.col + 1,
    code = d.code or lsp.code,
    source = d.source,
    severity = d.severity,
    message = d.message,
  })
end

local file = assert(io.open(out, 'w'))
file:write(vim.json.encode({
  attached = attached and true or false,
  arrived = arrived and true or false,
  filetype = vim.bo.filetype,
  diagnostics = diagnostics,
}))
file:close()
if client_id then vim.lsp.stop_client(client_id) end
vim.cmd('qall!')
