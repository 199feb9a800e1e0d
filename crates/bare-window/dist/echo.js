// The least a page can do between a keystroke and showing its effect elsewhere:
// copy the text, synchronously, into another element. The window benchmark types
// here to measure the floor under the app's keystroke → preview figures.
const input = document.getElementById("input");
const echo = document.getElementById("echo");
input.addEventListener("input", () => {
  const line = document.createElement("span");
  line.textContent = input.value;
  echo.replaceChildren(line);
});
