import type { ThemeConfig } from 'antd';

/**
 * A darker primary blue and text colours than antd's defaults, so that text on buttons,
 * secondary text and links keep a contrast of at least 4.5:1 (WCAG AA).
 */
export const adminTheme: ThemeConfig = {
  token: {
    colorPrimary: '#0b4ea2',
    colorLink: '#0b4ea2',
    colorError: '#c41d1d',
    colorSuccess: '#237804',
    colorWarning: '#ad6800',
    colorTextSecondary: 'rgba(0, 0, 0, 0.68)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.6)',
    colorTextDescription: 'rgba(0, 0, 0, 0.62)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.6)',
    borderRadius: 4,
    fontFamily:
      '-apple-system, BlinkMacSystemFont, "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Noto Sans SC", "WenQuanYi Micro Hei", "Segoe UI", sans-serif',
  },
  components: {
    Layout: { headerBg: '#ffffff', siderBg: '#0f2747', headerPadding: '0 24px' },
    Menu: {
      darkItemBg: '#0f2747',
      darkSubMenuItemBg: '#0a1d36',
      darkItemSelectedBg: '#0b4ea2',
      darkItemColor: 'rgba(255, 255, 255, 0.82)',
    },
  },
};
