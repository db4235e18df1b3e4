// The dashboard's only script. Every page works without it; it adds the quick exit by keyboard, copying,
// reading a profile file into the text box, revealing images in place, the engines "scan now" checks for the
// chosen person, and live scan progress.
(function () {
  'use strict';

  var csrfMeta = document.querySelector('meta[name="csrf-token"]');
  var csrf = csrfMeta ? csrfMeta.getAttribute('content') : '';

  // Quick exit: replace this page in the history so that "back" does not return to it.
  var exitLink = document.getElementById('quick-exit');
  function quickExit(event) {
    if (event) event.preventDefault();
    if (!exitLink) return;
    document.title = '';
    document.body.textContent = '';
    window.location.replace(exitLink.href);
  }
  if (exitLink) exitLink.addEventListener('click', quickExit);
  var escapes = [];
  document.addEventListener('keydown', function (event) {
    if (event.key !== 'Escape') return;
    var now = Date.now();
    escapes = escapes.filter(function (t) { return now - t < 1500; });
    escapes.push(now);
    if (escapes.length >= 3) quickExit(null);
  });

  document.querySelectorAll('.js-only[hidden]').forEach(function (el) { el.hidden = false; });

  // Copy a draft or a token; without clipboard access the text is selected for Ctrl+C.
  document.querySelectorAll('[data-copy-target]').forEach(function (button) {
    button.addEventListener('click', function () {
      var target = document.getElementById(button.getAttribute('data-copy-target'));
      if (!target) return;
      var scope = button.closest('.draft, .notice') || document;
      var status = scope.querySelector('[data-copy-status]');
      var done = function () { if (status) status.textContent = button.getAttribute('data-copied-text') || ''; };
      target.focus();
      target.select();
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(target.value).then(done, function () {
          if (document.execCommand && document.execCommand('copy')) done();
        });
      } else if (document.execCommand && document.execCommand('copy')) {
        done();
      }
    });
  });

  // A chosen profile file is read here, into the text box: nothing is uploaded until the form is sent.
  document.querySelectorAll('input[type="file"][data-read-into]').forEach(function (input) {
    input.addEventListener('change', function () {
      var target = document.getElementById(input.getAttribute('data-read-into'));
      var file = input.files && input.files[0];
      if (!target || !file) return;
      if (file.size > 1024 * 1024) return;
      var reader = new FileReader();
      reader.onload = function () { target.value = String(reader.result || ''); };
      reader.readAsText(file);
    });
  });

  // Reveal: the act is recorded through the API first, then the images are un-blurred in place.
  document.querySelectorAll('form[data-reveal-form]').forEach(function (form) {
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      fetch(form.getAttribute('data-reveal-api'), { method: 'POST', headers: { 'x-csrf-token': csrf }, credentials: 'same-origin' })
        .then(function (response) {
          if (!response.ok) throw new Error('refused');
          var box = form.closest('[data-reveal-box]');
          if (box) box.querySelectorAll('img[data-reveal-src]').forEach(function (img) {
            img.src = img.getAttribute('data-reveal-src');
            img.classList.remove('blurred');
          });
          var note = document.createElement('p');
          note.className = 'muted small';
          note.setAttribute('role', 'status');
          note.textContent = form.getAttribute('data-revealed-text') || '';
          form.replaceWith(note);
        })
        .catch(function () { form.submit(); });
    });
  });

  // A photo is sent as the raw image body to the API, which keeps only its hashes (and the original if asked).
  document.querySelectorAll('form[data-photo-upload]').forEach(function (form) {
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      var file = form.querySelector('input[type="file"]').files[0];
      var status = form.querySelector('[data-upload-status]');
      if (!file) return;
      var label = form.querySelector('#photo-label').value || file.name;
      var keep = form.querySelector('#photo-keep').checked;
      status.textContent = status.getAttribute('data-uploading');
      var url = form.getAttribute('data-photo-upload') + '?label=' + encodeURIComponent(label) + '&keepOriginal=' + (keep ? 'true' : 'false');
      fetch(url, { method: 'POST', body: file, headers: { 'content-type': file.type || 'application/octet-stream', 'x-csrf-token': csrf }, credentials: 'same-origin' })
        .then(function (response) {
          if (!response.ok) return response.json().then(function (body) { throw new Error(body && body.error ? body.error.message : ''); });
          window.location.href = window.location.pathname + '?done=photo_added#photos';
        })
        .catch(function (error) { status.textContent = status.getAttribute('data-failed') + ' ' + (error.message || ''); });
    });
  });

  // "Scan now" for several people: choosing a person checks the engines that person's scans use by default
  // (each box lists them), as the page did for the person chosen when it was sent.
  document.querySelectorAll('form select[name="personId"]').forEach(function (select) {
    var boxes = select.form ? select.form.querySelectorAll('input[type="checkbox"][data-default-for]') : [];
    select.addEventListener('change', function () {
      boxes.forEach(function (box) { box.checked = box.getAttribute('data-default-for').split(' ').indexOf(select.value) >= 0; });
    });
  });

  // Live scan progress: the counters are read from the API every two seconds while the scan runs.
  document.querySelectorAll('[data-scan-poll]').forEach(function (block) {
    var url = block.getAttribute('data-scan-poll');
    var bar = block.querySelector('[data-field="progress"]');
    var summary = block.querySelector('[data-field="summary"]');
    var template = summary ? summary.getAttribute('data-template') || '' : '';
    var timer = setInterval(function () {
      fetch(url, { headers: { accept: 'application/json' }, credentials: 'same-origin' })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (scan) {
          if (!scan) return;
          var p = scan.progress;
          if (bar) { bar.max = Math.max(p.queriesPlanned, 1); bar.value = p.queriesDone; bar.textContent = p.queriesDone + '/' + p.queriesPlanned; }
          if (summary) {
            summary.textContent = template.replace('{done}', p.queriesDone).replace('{planned}', p.queriesPlanned)
              .replace('{pages}', p.pagesVisited).replace('{hits}', p.hitsNew);
          }
          if (scan.status !== 'queued' && scan.status !== 'running') {
            clearInterval(timer);
            window.location.reload();
          }
        })
        .catch(function () { /* try again at the next tick */ });
    }, 2000);
  });
})();
