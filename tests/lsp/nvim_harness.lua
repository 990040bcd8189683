-- The test half of the Neovim check (tests/test_lsp_editors.py): appended to the configuration
-- docs/editing.md gives, it waits for the map's diagnostics, asks for a completion at the
-- position in ARGMAP_NVIM_LINE/COL, writes both as JSON to ARGMAP_NVIM_OUT and quits.
local out = os.getenv("ARGMAP_NVIM_OUT")
local function finish(result)
  local handle = io.open(out, "w")
  handle:write(vim.fn.json_encode(result))
  handle:close()
  vim.cmd("qa!")
end
vim.api.nvim_create_autocmd("VimEnter", {
  callback = function()
    local buf = vim.api.nvim_get_current_buf()
    local ok = vim.wait(20000, function() return #vim.diagnostic.get(buf) > 0 end, 50)
    local result = { diagnostics = {}, completion = {} }
    for _, d in ipairs(vim.diagnostic.get(buf)) do
      local lsp = (d.user_data or {}).lsp or {}
      table.insert(result.diagnostics, { line = d.lnum, col = d.col, code = d.code or lsp.code,
        severity = d.severity, message = d.message, source = d.source })
    end
    local line = tonumber(os.getenv("ARGMAP_NVIM_LINE"))
    local col = tonumber(os.getenv("ARGMAP_NVIM_COL"))
    local params = { textDocument = vim.lsp.util.make_text_document_params(buf),
                     position = { line = line, character = col } }
    local responses = vim.lsp.buf_request_sync(buf, "textDocument/completion", params, 20000) or {}
    for _, response in pairs(responses) do
      local items = (response.result or {}).items or response.result or {}
      for _, item in ipairs(items) do
        table.insert(result.completion, { label = item.label, detail = item.detail })
      end
    end
    result.waited = ok
    finish(result)
  end,
})
