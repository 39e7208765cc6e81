#!/usr/bin/python3
# The WebKit the browser tests drive: WebKitGTK (the engine of Safari's family that Linux has) in a
# window that WebKitWebDriver controls. Debian's MiniBrowser runs automation in an ephemeral data
# store, where WebKit refuses Blobs in IndexedDB as Safari's private browsing does; this browser
# keeps a real, persistent store in a folder of its own, unless started with --ephemeral (the
# private-browsing test group).
#
# Usage (by WebKitWebDriver, through the launcher's capabilities):
#   webkit-browser.py --profiles=<folder> [--ephemeral] [--user-agent=<ua>] [--reduced-motion] [--no-compositing]
import json
import os
import sys
import tempfile

import gi

gi.require_version('Gtk', '3.0')
gi.require_version('WebKit2', '4.1')
from gi.repository import Gtk, WebKit2  # noqa: E402

options = dict(arg[2:].split('=', 1) if '=' in arg else (arg[2:], '') for arg in sys.argv[1:] if arg.startswith('--'))

if 'reduced-motion' in options:
    # WebKitGTK answers prefers-reduced-motion from GTK's animation setting.
    Gtk.Settings.get_default().set_property('gtk-enable-animations', False)

if 'ephemeral' in options:
    manager = WebKit2.WebsiteDataManager.new_ephemeral()
else:
    # One folder per browser under the launcher's: the driver SIGKILLs its browser, so the launcher
    # removes the whole folder when the run ends.
    os.makedirs(options['profiles'], exist_ok=True)
    profile = tempfile.mkdtemp(prefix='profile-', dir=options['profiles'])
    manager = WebKit2.WebsiteDataManager(base_data_directory=profile, base_cache_directory=profile)
context = WebKit2.WebContext(website_data_manager=manager)
context.set_automation_allowed(True)
windows = []


def grant(_view, request):
    # The camera and the device list: granted, as a person who allowed the camera would.
    if isinstance(request, (WebKit2.UserMediaPermissionRequest, WebKit2.DeviceInfoPermissionRequest)):
        request.allow()
        return True
    return False


def listen_to_tests(view):
    # What the tests ask of the browser itself, where WebDriver has no command for it (the signals
    # tests, test/helpers/server-commands.mjs): the page posts JSON to
    # window.webkit.messageHandlers.belticTestBrowser, as an app's own pages post to its WKWebView.
    #   {"inspector": "attach"}  docks the real Web Inspector in the window (it takes its room from the
    #                            page, as docked developer tools do); {"inspector": "close"} closes it
    #   {"userAgent": "<ua>"}    the User-Agent from now on, for navigator.userAgent and requests;
    #                            "" restores the one the browser was started with
    view.get_settings().set_enable_developer_extras(True)
    manager = view.get_user_content_manager()

    def received(_manager, result):
        message = json.loads(result.get_js_value().to_string())
        if 'inspector' in message:
            inspector = view.get_inspector()
            if message['inspector'] == 'attach':
                inspector.show()
                inspector.attach()
            else:
                inspector.close()
        if 'userAgent' in message:
            view.get_settings().set_user_agent(message['userAgent'] or options.get('user-agent'))

    manager.connect('script-message-received::belticTestBrowser', received)
    manager.register_script_message_handler('belticTestBrowser')


def enable_feature(settings, identifier):
    # One of WebKit's switchable features (webkit_settings_get_all_features), by its identifier; a WebKitGTK
    # without it runs as it is (these only save processor time).
    features = WebKit2.Settings.get_all_features()
    for index in range(features.get_length()):
        feature = features.get(index)
        if feature.get_identifier() == identifier:
            settings.set_feature_enabled(feature, True)
            return
    print(f'webkit-browser.py: this WebKitGTK has no feature named {identifier}', file=sys.stderr)


def create_web_view(_session):
    view = WebKit2.WebView(web_context=context, is_controlled_by_automation=True)
    settings = view.get_settings()
    settings.set_enable_media_stream(True)
    settings.set_enable_mock_capture_devices(True)
    settings.set_enable_webrtc(True)
    # Each frame composites only what changed (a spinner, the camera's video) instead of the whole page, as
    # Safari's compositor does: with Mesa's software renderer doing it here, a spinner alone cost a core
    # (WebKit's default test group: 723 core-seconds instead of 774, 370 s instead of 394, everything passing).
    enable_feature(settings, 'UseDamagingInformationForCompositing')
    if 'no-compositing' in options:
        # Pages painted without accelerated compositing, as WebKitGTK paints them on a machine with no usable GPU
        # (GNOME Web on such a machine): here every composited frame went through Mesa's software GL, and the
        # camera tests took 28 core-seconds instead of 73. The video then never calls requestVideoFrameCallback
        # back, so the scanning loop paces itself by a timer (src/camera/frame-clock.ts); the composited group
        # of web-test-runner.config.mjs tests the frame callbacks in a composited WebKit.
        settings.set_hardware_acceleration_policy(WebKit2.HardwareAccelerationPolicy.NEVER)
    if 'user-agent' in options:
        settings.set_user_agent(options['user-agent'])
    view.connect('permission-request', grant)
    listen_to_tests(view)
    window = Gtk.Window()
    # Puppeteer's default viewport, as the Chromium tests see: every frame is composited in software, and
    # 800x600 instead of 1280x900 took the flow and camera tests 281 core-seconds instead of 305.
    window.set_default_size(800, 600)
    window.add(view)
    window.show_all()
    windows.append(window)
    return view


def automation_started(_context, session):
    # The name the launcher asks for as its browserName capability.
    info = WebKit2.ApplicationInfo()
    info.set_name('beltic-webkit')
    session.set_application_info(info)
    session.connect('create-web-view', create_web_view)


context.connect('automation-started', automation_started)
Gtk.main()
