// xend's s-expressions (xm list --long, xend-config.sxp).
#include "FuzzSupport.h"

#include "SexpReader.h"

namespace {

// Depth is bounded by SexpReader::MaxDepth, so recursion here is bounded too.
void walk(const xr::SexpNode& node)
{
    if (!node.isList())
        return;
    const QString head = node.head();
    if (!head.isEmpty()) {
        (void)node.child(head);
        (void)node.value(head);
        (void)node.childrenNamed(head);
    }
    for (const xr::SexpNode& c : node.children)
        walk(c);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const auto doc = xr::SexpReader::parse(xrfuzz::bytes(data, size));
    if (doc.ok()) {
        for (const xr::SexpNode& f : doc->forms)
            walk(f);
        (void)doc->form(u"domain");
    }
    return 0;
}
