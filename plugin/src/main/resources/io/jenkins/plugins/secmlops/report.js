/*
 * SecMLOps report page: makes the findings tables and the new / fixed / outstanding tables sortable (click a
 * column header) and filterable (a text filter and a filter on the first column: severity or class). A static
 * file served from the plugin's resources (the adjunct io.jenkins.plugins.secmlops.report), never an inline script. A link ending in #secmlops-severity=CRITICAL
 * opens the page with that filter set.
 */
(function () {
  'use strict';

  var SEVERITY_ORDER = { CRITICAL: 0, HIGH: 1, MEDIUM: 2, LOW: 3 };
  var HASH_FILTER = /secmlops-severity=([A-Za-z_]+)/;

  function cellText(cell) {
    if (!cell) {
      return '';
    }
    var badge = cell.querySelector('.secmlops-status');
    return (badge || cell).textContent.trim();
  }

  function compareValues(a, b) {
    if (Object.prototype.hasOwnProperty.call(SEVERITY_ORDER, a)
        && Object.prototype.hasOwnProperty.call(SEVERITY_ORDER, b)) {
      return SEVERITY_ORDER[a] - SEVERITY_ORDER[b];
    }
    return a.localeCompare(b, undefined, { numeric: true, sensitivity: 'base' });
  }

  function firstColumnValues(rows) {
    var seen = {};
    var values = [];
    rows.forEach(function (row) {
      var value = cellText(row.cells[0]);
      if (value && !seen[value]) {
        seen[value] = true;
        values.push(value);
      }
    });
    return values.sort(compareValues);
  }

  function enhance(table) {
    var body = table.tBodies[0];
    var head = table.tHead;
    if (!body || !head || head.rows.length === 0 || table.getAttribute('data-secmlops-enhanced')) {
      return;
    }
    table.setAttribute('data-secmlops-enhanced', 'true');
    var rows = Array.prototype.slice.call(body.rows);
    var headers = Array.prototype.slice.call(head.rows[0].cells);

    var toolbar = document.createElement('div');
    toolbar.className = 'secmlops-toolbar';
    var search = document.createElement('input');
    search.type = 'search';
    search.className = 'secmlops-filter';
    search.placeholder = 'Filter rows';
    search.setAttribute('aria-label', 'Filter rows');
    var select = document.createElement('select');
    select.className = 'secmlops-severity-filter';
    select.setAttribute('aria-label', 'Filter by ' + headers[0].textContent.trim().toLowerCase());
    var all = document.createElement('option');
    all.value = '';
    all.textContent = 'All (' + headers[0].textContent.trim().toLowerCase() + ')';
    select.appendChild(all);
    firstColumnValues(rows).forEach(function (value) {
      var option = document.createElement('option');
      option.value = value;
      option.textContent = value;
      select.appendChild(option);
    });
    var shown = document.createElement('span');
    shown.className = 'secmlops-shown';
    toolbar.appendChild(select);
    toolbar.appendChild(search);
    toolbar.appendChild(shown);
    table.parentNode.insertBefore(toolbar, table);

    function apply() {
      var query = search.value.trim().toLowerCase();
      var wanted = select.value;
      var visible = 0;
      rows.forEach(function (row) {
        var show = (!wanted || cellText(row.cells[0]) === wanted)
            && (!query || row.textContent.toLowerCase().indexOf(query) >= 0);
        row.hidden = !show;
        if (show) {
          visible++;
        }
      });
      shown.textContent = visible + ' of ' + rows.length + ' shown';
    }

    function sortBy(column) {
      var header = headers[column];
      var ascending = header.getAttribute('aria-sort') !== 'ascending';
      headers.forEach(function (other) {
        other.setAttribute('aria-sort', 'none');
      });
      header.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
      var order = rows.map(function (row, index) {
        return { row: row, index: index, value: cellText(row.cells[column]) };
      });
      order.sort(function (x, y) {
        var result = compareValues(x.value, y.value);
        return (ascending ? result : -result) || x.index - y.index;
      });
      order.forEach(function (entry) {
        body.appendChild(entry.row);
      });
    }

    headers.forEach(function (header, column) {
      header.setAttribute('aria-sort', 'none');
      header.tabIndex = 0;
      header.title = 'Sort by ' + header.textContent.trim();
      header.addEventListener('click', function () {
        sortBy(column);
      });
      header.addEventListener('keydown', function (event) {
        if (event.key === 'Enter' || event.key === ' ') {
          event.preventDefault();
          sortBy(column);
        }
      });
    });
    search.addEventListener('input', apply);
    select.addEventListener('change', apply);

    var fromLink = HASH_FILTER.exec(window.location.hash || '');
    if (fromLink && Array.prototype.some.call(select.options, function (option) {
      return option.value === fromLink[1];
    })) {
      select.value = fromLink[1];
    }
    apply();
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll('table.secmlops-findings, table.secmlops-issues'),
        enhance);
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', init);
  } else {
    init();
  }
}());
