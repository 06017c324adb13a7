// On a phone a plain table becomes a stack of cards and its header row is hidden, so each cell is
// given its column's name (data-label); the stylesheet shows it above the value. Cells that span
// the whole row (section bands) and columns without a name (buttons) are left as they are.
(function () {
  function headerNames(table) {
    var grid = [];
    Array.prototype.forEach.call(table.tHead.rows, function (row, r) {
      grid[r] = grid[r] || [];
      var col = 0;
      Array.prototype.forEach.call(row.cells, function (cell) {
        while (grid[r][col] !== undefined) col++;
        for (var dr = 0; dr < cell.rowSpan; dr++) {
          grid[r + dr] = grid[r + dr] || [];
          for (var dc = 0; dc < cell.colSpan; dc++) grid[r + dr][col + dc] = cell;
        }
        col += cell.colSpan;
      });
    });
    // the lowest header cell names a column: «Январь» under «Месяцы», not «Месяцы»
    var bottom = grid[grid.length - 1] || [];
    return bottom.map(function (cell) { return cell ? cell.textContent.replace(/\s+/g, " ").trim() : ""; });
  }

  function label(table) {
    if (!table.tHead) return;
    var names = headerNames(table);
    Array.prototype.forEach.call(table.tBodies, function (body) {
      Array.prototype.forEach.call(body.rows, function (row) {
        var col = 0;
        Array.prototype.forEach.call(row.cells, function (cell) {
          var name = names[col];
          col += cell.colSpan;
          if (cell.colSpan >= names.length || cell.hasAttribute("data-label") || !name) return;
          cell.setAttribute("data-label", name);
        });
      });
    });
  }

  function labelAll() {
    Array.prototype.forEach.call(document.querySelectorAll("table.plan"), label);
  }

  document.addEventListener("DOMContentLoaded", labelAll);
  // HTMX replaces parts of a page (a saved row, a filtered table); labelled cells are skipped
  document.addEventListener("htmx:afterSettle", labelAll);
})();
