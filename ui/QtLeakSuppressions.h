// LeakSanitizer suppressions for memory Qt 6.4 itself never frees: QPdfView registers a scroller
// gesture (QScroller::grabGesture) and starts a page renderer whose thread outlives the view.
// Include this in exactly one file of an executable that shows a QPdfView; it only has an
// effect in the sanitizer build, where a real leak of ours is still reported.
#pragma once

#if defined(__SANITIZE_ADDRESS__)
extern "C" const char *__lsan_default_suppressions()
{
    return "leak:QScroller::grabGesture\n"
           "leak:QPdfPageRenderer\n";
}
#endif
