// Optional enhancements: every page works without this file.

// Asks before submitting a form marked data-confirm (deletions).
document.addEventListener("submit", (event) => {
	const form = event.target;
	const question = form.getAttribute("data-confirm");

	if (question !== null && !window.confirm(question))
		event.preventDefault();
});

// Closes an open account menu on a click outside it or on Escape.
function closeDropdowns(except) {
	for (const menu of document.querySelectorAll("details.pc-dropdown[open]"))
		if (menu !== except)
			menu.open = false;
}

document.addEventListener("click", (event) => {
	closeDropdowns(event.target.closest("details.pc-dropdown"));
});

document.addEventListener("keydown", (event) => {
	if (event.key === "Escape")
		closeDropdowns(null);
});
