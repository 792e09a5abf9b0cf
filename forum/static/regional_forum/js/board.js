/* Starts machina's scripts on every discussion-space page. It replaces the
   inline script of machina's board template, which the Content-Security-Policy
   (script-src 'self') would refuse. The poll and attachment helpers only bind
   their "add another" buttons, so they are harmless where a page has none. */
$(function () {
  machina.init();
  machina.poll.init();
  machina.attachment.init();
});
