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

// Shows the controls that only work with JavaScript.
for (const element of document.querySelectorAll(".pc-js-only"))
	element.hidden = false;

// Copies the value of the field that a button's data-copy names.
document.addEventListener("click", async (event) => {
	const button = event.target.closest("button[data-copy]");
	if (button === null)
		return;
	const field = document.getElementById(button.dataset.copy);
	if (field === null)
		return;
	field.select();
	try {
		await navigator.clipboard.writeText(field.value);
	} catch {
		// No clipboard API outside HTTPS: the field stays selected
		// for a manual copy.
		return;
	}
	button.textContent = "Copié";
	setTimeout(() => {
		button.textContent = "Copier";
	}, 2000);
});
