pragma Singleton
import QtQuick

// Sample icons for the test doubles: small CAD-style toolbar glyphs.
QtObject {
    readonly property var svgs: [
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 256 256"><rect x="16" y="16" width="224" height="224" rx="24" fill="#15192D"/><path d="M64 192 L128 64 L192 192 Z" fill="none" stroke="#94F2E8" stroke-width="12" stroke-linejoin="round"/><circle cx="128" cy="150" r="18" fill="#A072C6"/></svg>',
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 256 256"><rect x="16" y="16" width="224" height="224" rx="24" fill="#15192D"/><circle cx="128" cy="128" r="72" fill="none" stroke="#94F2E8" stroke-width="12"/><path d="M128 56 V200 M56 128 H200" stroke="#A072C6" stroke-width="8"/></svg>',
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 256 256"><rect x="16" y="16" width="224" height="224" rx="24" fill="#15192D"/><rect x="60" y="60" width="136" height="136" rx="8" fill="none" stroke="#94F2E8" stroke-width="12"/><path d="M60 196 L196 60" stroke="#E8B04B" stroke-width="10" stroke-linecap="round"/></svg>'
    ]
    function svg(i) { return svgs[i % svgs.length] }
}
