// Marks the moment the first frame, which shows the page's text, has been painted:
// the window benchmark's start time, measured as in Specwright's own page.
requestAnimationFrame(() => {
  const channel = new MessageChannel();
  channel.port1.onmessage = () => performance.mark("boot:shown");
  channel.port2.postMessage(0);
});
