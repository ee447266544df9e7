// Fuzz target: the HTTP/1.1 request grammar (server/http/httpframing). Beyond not crashing, its
// decisions must not depend on how the bytes arrive: whole, split in two, and one byte at a time
// give the same events at the same offsets, every step consumes what it says, and limits hold.
#include "http/httpframing.h"

#include <cstdint>
#include <cstdlib>
#include <vector>

namespace {

struct Decision
{
    HttpFraming::Event event;
    qsizetype offset;
    int status;
    bool operator==(const Decision &) const = default;
};

HttpFraming::Limits smallLimits()
{
    HttpFraming::Limits limits;
    limits.maxBodyBytes = 4096;
    limits.maxHeaderBytes = 2048;
    limits.maxRequestLineBytes = 512;
    limits.maxFieldLines = 20;
    return limits;
}

void check(bool condition)
{
    if (!condition)
        std::abort();
}

// Feeds `data` in pieces of at most `pieceSize` bytes (0: whole), first cut at `firstCut` (0: none).
std::vector<Decision> decide(const char *data, qsizetype size, qsizetype pieceSize, qsizetype firstCut)
{
    HttpFraming framing(smallLimits());
    std::vector<Decision> decisions;
    qsizetype at = 0;
    while (at < size) {
        qsizetype end = pieceSize > 0 ? qMin(size, at + pieceSize) : size;
        if (firstCut > at && firstCut < end)
            end = firstCut;
        while (at < end) {
            const HttpFraming::Step step = framing.feed(data + at, end - at);
            check(step.consumed >= 0 && step.consumed <= end - at);
            at += step.consumed;
            if (step.event == HttpFraming::Event::NeedMore) {
                check(at == end);
                break;
            }
            check(step.consumed > 0 || step.event == HttpFraming::Event::Rejected);
            decisions.push_back(
                {step.event, at,
                 step.event == HttpFraming::Event::Rejected ? framing.rejection().status : 0});
            if (step.event == HttpFraming::Event::Rejected) {
                check(framing.feed(data, size).event == HttpFraming::Event::Rejected); // final
                return decisions;
            }
            if (step.event == HttpFraming::Event::RequestComplete)
                check(framing.bodyBytes() <= smallLimits().maxBodyBytes && !framing.inRequest());
        }
    }
    return decisions;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *bytes, size_t length)
{
    const auto *data = reinterpret_cast<const char *>(bytes);
    const auto size = qsizetype(length);
    const std::vector<Decision> whole = decide(data, size, 0, 0);
    for (size_t i = 1; i < whole.size(); ++i)
        check(whole[i].offset > whole[i - 1].offset || whole[i].event == HttpFraming::Event::Rejected);
    check(decide(data, size, 0, size / 2) == whole);
    check(decide(data, size, 1, 0) == whole);
    return 0;
}
