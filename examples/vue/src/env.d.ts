// <beltic-verify> typed in templates: its props and `@beltic-verify-…` events (vue-tsc --strictTemplates).
/// <reference types="beltic-verify/vue" />
