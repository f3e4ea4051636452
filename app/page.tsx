import { redirect } from "next/navigation";

// The proxy has already sent anyone without a session to /login.
export default function Home() {
  redirect("/orders");
}
