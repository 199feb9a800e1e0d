// Marks the moment the first frame, which shows the page's text, has been painted:
// the window benchmark's start time, measured as in Specwright's own page
// (ui/src/app/frames.ts: a timer set from the frame's callback fires after it).
requestAnimationFrame(() => setTimeout(() => performance.mark("boot:shown"), 0));
