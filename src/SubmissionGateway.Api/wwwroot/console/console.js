// The console's only script: automatic sign-out after the idle timeout, and drag-and-drop uploads with progress.
// Pages work without it (the upload form posts normally); no inline script anywhere (Content-Security-Policy).
(function () {
  'use strict';

  var idle = parseInt(document.body.getAttribute('data-idle-seconds') || '0', 10);
  var idleTimer = 0;
  // The server forgets the session at the same moment; leaving the page clears PHI off the screen. Every request
  // to the server (a page or an upload) starts the count again, as it does on the server.
  function restartIdle() {
    if (idle <= 0) { return; }
    window.clearTimeout(idleTimer);
    idleTimer = window.setTimeout(function () { window.location.assign('/console/signin?expired=true'); }, idle * 1000);
  }
  restartIdle();

  var form = document.getElementById('upload-form');
  if (!form) { return; }
  var list = document.getElementById('uploads');
  var zone = document.getElementById('dropzone');
  var input = document.getElementById('file');
  var token = form.querySelector('input[name="__RequestVerificationToken"]');
  var fields = ['loinc', 'patientName', 'memberId', 'birthDate', 'claimId', 'serviceDate'];

  function row(file) {
    var li = document.createElement('li');
    li.className = 'upload';
    var name = document.createElement('span');
    name.className = 'file-name';
    name.textContent = file.name;
    var bar = document.createElement('progress');
    bar.max = 100;
    bar.value = 0;
    bar.setAttribute('aria-label', 'Upload progress for ' + file.name);
    var message = document.createElement('span');
    message.className = 'upload-message';
    message.textContent = 'Waiting…';
    li.appendChild(name);
    li.appendChild(bar);
    li.appendChild(message);
    list.appendChild(li);
    return { li: li, bar: bar, message: message };
  }

  function send(file, view) {
    return new Promise(function (resolve) {
      var data = new FormData();
      // The stated fields go first: the server streams the file and checks them before reading it.
      fields.forEach(function (f) { data.append(f, form.elements[f].value); });
      data.append('file', file, file.name);
      var xhr = new XMLHttpRequest();
      xhr.open('POST', form.action);
      xhr.setRequestHeader('Accept', 'application/json');
      if (token) { xhr.setRequestHeader('RequestVerificationToken', token.value); }
      xhr.upload.addEventListener('progress', function (e) {
        if (e.lengthComputable) { view.bar.value = Math.round(e.loaded * 100 / e.total); }
      });
      xhr.addEventListener('load', function () {
        restartIdle();
        var answer = null;
        try { answer = JSON.parse(xhr.responseText); } catch (ignored) { answer = null; }
        var accepted = answer && answer.accepted === true;
        view.bar.value = 100;
        view.li.classList.add(accepted ? 'accepted' : 'refused');
        view.message.textContent = answer && answer.message ? answer.message
          : (xhr.status === 401 || xhr.status === 302 ? 'You have been signed out. Sign in again and retry.' : 'The upload failed. Try again.');
        if (!accepted) { view.message.setAttribute('role', 'alert'); }
        resolve(accepted);
      });
      xhr.addEventListener('error', function () {
        view.li.classList.add('refused');
        view.message.textContent = 'The connection was lost. Try again.';
        resolve(false);
      });
      view.message.textContent = 'Uploading…';
      xhr.send(data);
    });
  }

  function upload(files) {
    if (!files || files.length === 0) { return; }
    if (!form.reportValidity()) { return; }
    var views = Array.prototype.map.call(files, function (f) { return { file: f, view: row(f) }; });
    var chain = Promise.resolve(false);
    var any = false;
    views.forEach(function (v) {
      chain = chain.then(function () { return send(v.file, v.view); }).then(function (ok) { any = any || ok; return ok; });
    });
    chain.then(function () {
      input.value = '';
      if (any) {
        var note = document.createElement('li');
        var link = document.createElement('a');
        link.href = window.location.pathname;
        link.textContent = 'Refresh the request to see what is still needed';
        note.appendChild(link);
        list.appendChild(note);
      }
    });
  }

  form.addEventListener('submit', function (e) {
    e.preventDefault();
    upload(input.files);
  });
  ['dragenter', 'dragover'].forEach(function (n) {
    zone.addEventListener(n, function (e) { e.preventDefault(); zone.classList.add('dragging'); });
  });
  ['dragleave', 'drop'].forEach(function (n) {
    zone.addEventListener(n, function (e) { e.preventDefault(); zone.classList.remove('dragging'); });
  });
  zone.addEventListener('drop', function (e) { upload(e.dataTransfer.files); });
})();
