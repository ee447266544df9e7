import QtQuick
import QtTest
import ParametricIcons

// Settings → API keys, offscreen, with the real model against the real server (see tst_apikeys_main.cpp).
Item {
    id: root
    width: 900
    height: 760

    Component {
        id: sectionComponent
        ApiKeysSection { width: 720; keys: realApiKeys; serverUrl: testServerUrl }
    }

    TestCase {
        name: "ApiKeysSection"
        when: windowShown

        function make() {
            const section = createTemporaryObject(sectionComponent, root)
            verify(section)
            tryVerify(() => realApiKeys.loaded && !realApiKeys.loading, 15000, "the list loads when shown")
            return section
        }

        function typeText(text) {
            for (const ch of text)
                keyClick(ch)
        }

        function revokeRow(section, row) {
            mouseClick(findChild(section, "revokeApiKey_" + row))
            const dialog = findChild(section, "confirmRevokeDialog")
            tryVerify(() => dialog.opened)
            mouseClick(findChild(dialog.contentItem, "confirmRevokeApiKey"))
            tryVerify(() => !dialog.visible)
        }

        function test_1_createShownOnceUseAndRevoke() {
            const section = make()
            compare(realApiKeys.count, 0)
            verify(findChild(section, "apiKeysEmpty").visible)

            const create = findChild(section, "createApiKey")
            verify(!create.enabled, "no name, no key")
            findChild(section, "apiKeyName").forceActiveFocus()
            typeText("CI")
            mouseClick(findChild(findChild(section, "apiKeyExpiry"), "segment_30"))
            verify(create.enabled)
            mouseClick(create)

            // Shown once, with the warning and a Copy button.
            const panel = findChild(section, "newApiKeyPanel")
            tryVerify(() => panel.visible, 15000)
            const key = findChild(section, "newApiKeyField").text
            verify(/^pi_[A-Za-z0-9_-]{43}$/.test(key), key)
            verify(findChild(section, "newApiKeyWarning").text.indexOf("will not be shown again") >= 0)
            compare(findChild(section, "apiKeyName").text, "", "the name field is ready for the next key")
            const copy = findChild(section, "copyApiKey")
            mouseClick(copy)
            compare(probe.clipboardText(), key)
            compare(copy.text, "Copied")
            verify(findChild(section, "apiKeyExample").text.indexOf(testServerUrl + "/api/icons") >= 0)

            // The key created here generates icons.
            compare(probe.generate(key), 201)

            // Dismissed: the key is gone from the UI; the row stays, with its prefix and expiry.
            mouseClick(findChild(section, "dismissApiKey"))
            verify(!panel.visible)
            compare(realApiKeys.newKey, "")
            verify(findChild(section, "apiKeyRow_0"))
            verify(findChild(section, "apiKeyStatus_0").text.indexOf("Expires") >= 0)
            verify(!findChild(section, "apiKeysEmpty").visible)

            // Revoke asks first; Cancel keeps the key working.
            mouseClick(findChild(section, "revokeApiKey_0"))
            const dialog = findChild(section, "confirmRevokeDialog")
            tryVerify(() => dialog.opened)
            mouseClick(findChild(dialog.contentItem, "cancelRevokeApiKey"))
            tryVerify(() => !dialog.visible)
            compare(realApiKeys.count, 1)
            compare(probe.generate(key), 201)

            // Confirmed: gone from the list, and the same call gets 401.
            revokeRow(section, 0)
            tryCompare(realApiKeys, "count", 0, 15000)
            compare(probe.generate(key), 401)
            verify(findChild(section, "apiKeysEmpty").visible)
        }

        // The server's answer reaches the user: here its per-user cap (2 in this test).
        function test_2_serverErrorIsShown() {
            const section = make()
            for (let i = 0; i < 3; ++i) {
                findChild(section, "apiKeyName").forceActiveFocus()
                typeText("k" + i)
                mouseClick(findChild(section, "createApiKey"))
                tryVerify(() => !realApiKeys.working, 15000)
            }
            compare(realApiKeys.count, 2)
            const error = findChild(section, "apiKeysError")
            tryVerify(() => error.visible)
            verify(error.text.indexOf("2 active API keys") >= 0, error.text)
            revokeRow(section, 0)
            tryCompare(realApiKeys, "count", 1, 15000)
            revokeRow(section, 0)
            tryCompare(realApiKeys, "count", 0, 15000)
            realApiKeys.dismissNewKey()
        }
    }
}
