// The console's few behaviours, without which every page still works (forms post, links lead):
// times in the reader's own zone, the integration's switch, the upload dialog, a run followed live.
(function () {
	'use strict';

	// a time of the job repository, shown in the reader's zone (UTC stays on hover)
	document.querySelectorAll('time[datetime]').forEach((time) => {
		const at = new Date(time.getAttribute('datetime'));
		if (!isNaN(at)) {
			time.textContent = at.toLocaleString();
		}
	});

	// turning the integration on shows its configuration, as the user guide says
	const enabled = document.getElementById('enabled');
	const configuration = document.getElementById('configuration');
	if (enabled && configuration) {
		const show = () => configuration.classList.toggle('d-none', !enabled.checked);
		enabled.addEventListener('change', show);
		show();
	}

	// the upload dialog opens again after its tags were refreshed (/?upload)
	const dialog = document.getElementById('upload-dialog');
	if (dialog && dialog.dataset.open === 'true' && window.bootstrap) {
		window.bootstrap.Modal.getOrCreateInstance(dialog).show();
	}

	// while a run (or a synchronization) goes, show its progress and reload the page once it has ended
	const main = document.querySelector('main[data-state]');
	if (!main || main.dataset.running !== 'true') {
		return;
	}
	const progress = document.getElementById('progress');
	const look = () => fetch(main.dataset.state, { credentials: 'same-origin' })
		.then((answer) => answer.json())
		.then((state) => {
			if (state.progress && progress) {
				const p = state.progress;
				progress.textContent = p.done + (p.total > 0 ? ' of ' + p.total : '') + ' done, ' + Math.round(p.perSecond)
					+ ' a second' + (p.secondsLeft != null ? ', about ' + p.secondsLeft + ' s left' : '');
			}
			if (state.running) {
				setTimeout(look, 2000);
			}
			else {
				location.reload();
			}
		});
	setTimeout(look, 1000);
})();
