// Loaded (not inline) at the start of <body> so the Content-Security-Policy can forbid inline script:
// the NHS.UK styles and components look for these classes before they enhance a page.
document.body.className += ' js-enabled' + ('noModule' in HTMLScriptElement.prototype ? ' nhsuk-frontend-supported' : '');
