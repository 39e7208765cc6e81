import { createApp } from 'vue';
// Registers <beltic-verify> before Vue renders it, so that Vue sets its properties (clientToken).
import 'beltic-verify/define';
import App from './App.vue';

createApp(App).mount('#app');
