/* 学法测验 pages: autosave of the group paper, its timer, confirmations before 交卷 and other final
   steps, the chosen option kept visible, the host's live scoreboard. No inline scripts: the pages work
   under a Content-Security-Policy of script-src 'self'. */
(function () {
  'use strict';

  // a form with data-confirm asks first (交卷, 结束测验, 删除本题); the timer's own submit skips it
  document.querySelectorAll('form[data-confirm]').forEach(function (form) {
    form.addEventListener('submit', function (event) {
      if (form.dataset.noConfirm) return;
      if (!window.confirm(form.dataset.confirm)) event.preventDefault();
    });
  });

  // the tapped option stays clearly marked
  function mark(section) {
    section.querySelectorAll('.quiz-option').forEach(function (label) {
      var input = label.querySelector('input[type=radio], input[type=checkbox]');
      if (input) label.classList.toggle('chosen', input.checked);
    });
  }
  document.querySelectorAll('.quiz-card').forEach(function (card) {
    card.addEventListener('change', function () { mark(card); });
  });

  var form = document.querySelector('[data-paper]');
  if (form) {
    var save = function (section) {
      var index = +section.dataset.index, type = section.dataset.type, answer;
      var inputs = section.querySelectorAll('input');
      if (type === 'multiple') {
        answer = Array.prototype.filter.call(inputs, function (i) { return i.checked; }).map(function (i) { return i.value; });
        if (!answer.length) return;
      } else if (type === 'fill') { answer = inputs[0].value.trim(); if (!answer) return; }
      else { var c = section.querySelector('input:checked'); if (!c) return; answer = c.value; }
      var error = section.querySelector('[data-save-error]');
      fetch(form.dataset.save, {method: 'POST', credentials: 'same-origin',
        headers: {'Content-Type': 'application/json', 'X-CSRF-Token': form.dataset.csrf},
        body: JSON.stringify({index: index, answer: answer})})
        .then(function (r) { return r.json(); })
        .then(function (data) {
          if (data.ok) {
            section.querySelector('[data-saved]').hidden = false;
            section.classList.add('locked');
            inputs.forEach(function (i) { i.disabled = true; });
            var b = section.querySelector('[data-confirm-item]'); if (b) b.remove();
            mark(section);
          } else if (data.closed) { form.dataset.noConfirm = '1'; form.submit(); }
          else if (error) { error.textContent = data.error || '保存失败，请重试。'; error.hidden = false; }
        })
        .catch(function () { if (error) { error.textContent = '网络异常，答案未保存，请重试。'; error.hidden = false; } });
    };
    form.querySelectorAll('section[data-index]').forEach(function (section) {
      var type = section.dataset.type;
      if (type === 'multiple') {
        var b = section.querySelector('[data-confirm-item]');
        if (b) b.addEventListener('click', function () { save(section); });
      } else {
        section.querySelectorAll('input').forEach(function (input) {
          input.addEventListener('change', function () { save(section); });
        });
      }
    });
    var timer = document.querySelector('[data-timer]');
    if (timer) {
      var left = +timer.dataset.seconds;
      var tick = function () {
        timer.textContent = Math.floor(left / 60) + ':' + ('0' + left % 60).slice(-2);
        if (left <= 0) { form.dataset.noConfirm = '1'; form.submit(); return; }
        left -= 1; setTimeout(tick, 1000);
      };
      tick();
    }
  }

  // the host's scoreboard fills in as answers come, without a reload
  var table = document.querySelector('[data-board][data-live]');
  if (table) {
    var cell = function (text) { var td = document.createElement('td'); td.textContent = text; return td; };
    var poll = function () {
      fetch(table.dataset.url, {credentials: 'same-origin'}).then(function (r) { return r.json(); }).then(function (data) {
        var body = table.querySelector('tbody'); body.textContent = '';
        data.board.forEach(function (row) {
          var tr = document.createElement('tr');
          [row.rank, row.name, row.answered + '/' + row.total, row.correct, row.score, row.finished ? '是' : ''].forEach(function (v) { tr.appendChild(cell(v)); });
          body.appendChild(tr);
        });
        var leftCell = document.querySelector('[data-left]');
        if (leftCell && data.seconds_left !== null) leftCell.textContent = data.seconds_left;
        if (!data.open) { document.querySelector('[data-status]').textContent = '已结束（时间到或已关闭），刷新查看结果'; return; }
        setTimeout(poll, 2000);
      }).catch(function () { setTimeout(poll, 5000); });
    };
    poll();
  }
})();
