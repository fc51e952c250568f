// while the run goes, show its progress and reload the page once it has ended
(function () {
	const main = document.querySelector('main');
	const status = document.getElementById('status');
	const progress = document.getElementById('progress');
	if (!['STARTING', 'STARTED', 'STOPPING'].includes(status.textContent)) {
		return;
	}
	const look = () => fetch(main.dataset.state, { credentials: 'same-origin' })
		.then((answer) => answer.json())
		.then((state) => {
			status.textContent = state.status;
			if (state.progress) {
				const p = state.progress;
				progress.textContent = p.done + (p.total > 0 ? ' / ' + p.total : '') + ', ' + Math.round(p.perSecond)
					+ '/s' + (p.secondsLeft != null ? ', about ' + p.secondsLeft + ' s left' : '');
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
