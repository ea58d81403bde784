import { Link } from 'react-router-dom';

export default function NotFoundPage() {
  return (
    <section aria-labelledby="not-found-title" className="portal-section">
      <h1 id="not-found-title">页面不存在</h1>
      <p>您访问的页面不存在或已被移除。</p>
      <p>
        <Link to="/">返回首页</Link>
      </p>
    </section>
  );
}
