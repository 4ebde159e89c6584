// Axon admin pages: CSV upload with progress, charts, and live refresh of a running job.
// Loaded from this server only (Content-Security-Policy: script-src 'self'); no build step.
'use strict';

document.addEventListener('DOMContentLoaded', () => {
  upload();
  roundsChart();
  earningsChart();
  const live = document.getElementById('live');
  if (live) {
    setTimeout(() => location.reload(), 1000 * Number(live.dataset.refreshSeconds || 3));
  }
});

// Streams the chosen file with XMLHttpRequest, whose upload events give the progress bar.
function upload() {
  const box = document.getElementById('upload');
  if (!box) return;
  const file = document.getElementById('csv-file');
  const bar = document.getElementById('upload-progress');
  const status = document.getElementById('upload-status');
  const error = document.getElementById('upload-error');
  document.getElementById('upload-button').addEventListener('click', () => {
    error.hidden = true;
    const chosen = file.files[0];
    if (!chosen) {
      showError('Choose a CSV file first.');
      return;
    }
    if (chosen.size > Number(box.dataset.maxBytes)) {
      showError('The file is larger than the limit of ' + box.dataset.maxBytes + ' bytes.');
      return;
    }
    const form = new FormData();
    form.append('file', chosen, chosen.name);
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/admin/datasets');
    xhr.setRequestHeader('X-CSRF-Token', box.dataset.csrf);
    bar.hidden = false;
    bar.value = 0;
    sessionStorage.removeItem('axon.upload.percent');
    xhr.upload.addEventListener('progress', (e) => {
      if (e.lengthComputable) {
        bar.value = Math.round((100 * e.loaded) / e.total);
        status.textContent = 'Uploading… ' + bar.value + ' %';
        // kept for the next page (and the browser test): how far the progress events got
        sessionStorage.setItem('axon.upload.percent', String(bar.value));
      }
    });
    xhr.upload.addEventListener('load', () => { status.textContent = 'Checking every row…'; });
    xhr.addEventListener('load', () => {
      let body = {};
      try { body = JSON.parse(xhr.responseText); } catch (e) { /* not JSON */ }
      if (xhr.status === 201) {
        status.textContent = 'Uploaded.';
        location.href = '/admin/jobs/new?dataset=' + body.id;
      } else {
        bar.hidden = true;
        status.textContent = '';
        showError('Refused: ' + (body.detail || ('HTTP ' + xhr.status)));
      }
    });
    xhr.addEventListener('error', () => showError('The upload failed: the connection broke.'));
    xhr.send(form);
  });

  function showError(text) {
    error.textContent = text;
    error.hidden = false;
  }
}

function roundsChart() {
  const canvas = document.getElementById('rounds-chart');
  if (!canvas || typeof Chart === 'undefined') return;
  const rounds = JSON.parse(canvas.dataset.rounds);
  const hasAccuracy = rounds.some((r) => r.accuracy !== null);
  const datasets = [{ label: 'holdout loss', data: rounds.map((r) => r.loss), yAxisID: 'loss',
    borderColor: '#b42318', backgroundColor: '#b42318' }];
  if (hasAccuracy) {
    datasets.push({ label: 'accuracy', data: rounds.map((r) => r.accuracy), yAxisID: 'accuracy',
      borderColor: '#2f6fdf', backgroundColor: '#2f6fdf' });
  }
  new Chart(canvas, {
    type: 'line',
    data: { labels: rounds.map((r) => 'round ' + r.round), datasets },
    options: {
      animation: false,
      scales: {
        loss: { type: 'linear', position: 'left', title: { display: true, text: 'loss' } },
        accuracy: { type: 'linear', position: 'right', min: 0, max: 1, display: hasAccuracy,
          grid: { drawOnChartArea: false }, title: { display: true, text: 'accuracy' } },
      },
    },
  });
}

function earningsChart() {
  const canvas = document.getElementById('earnings-chart');
  if (!canvas || typeof Chart === 'undefined') return;
  const days = JSON.parse(canvas.dataset.days);
  new Chart(canvas, {
    type: 'line',
    data: {
      labels: days.map((d) => d.date),
      datasets: [
        { label: 'credit', data: days.map((d) => d.credit), yAxisID: 'credit',
          borderColor: '#2f6fdf', backgroundColor: '#2f6fdf', stepped: true },
        { label: 'earnings (' + canvas.dataset.currency + ')', data: days.map((d) => Number(d.earnings)),
          yAxisID: 'money', borderColor: '#067647', backgroundColor: '#067647', stepped: true },
      ],
    },
    options: {
      animation: false,
      scales: {
        credit: { type: 'linear', position: 'left', title: { display: true, text: 'credit' } },
        money: { type: 'linear', position: 'right', grid: { drawOnChartArea: false },
          title: { display: true, text: canvas.dataset.currency } },
      },
    },
  });
}
