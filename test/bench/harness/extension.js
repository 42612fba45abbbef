// Hands its real ExtensionContext to the activation benchmark (test/bench/suite), which activates
// the built extension (dist/extension.js) with it again and again.
exports.activate = (context) => ({ context });
exports.deactivate = () => {};
