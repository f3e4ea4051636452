import type { Config } from "tailwindcss";

// Loaded from app/globals.css with @config; the theme lives here, the rest in CSS.
const config: Config = {
  content: ["./app/**/*.{ts,tsx}", "./components/**/*.{ts,tsx}"],
  theme: {
    extend: {
      colors: {
        brand: {
          50: "#eef6ff",
          100: "#d9eaff",
          500: "#2f6fed",
          600: "#1f57d1",
          700: "#1a46a8",
        },
      },
    },
  },
};

export default config;
