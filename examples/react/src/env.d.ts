// <beltic-verify> typed in JSX: its props and `onbeltic-verify-…` events.
/// <reference types="beltic-verify/react" />
