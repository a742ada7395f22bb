/**
 * Mantine's darkest orange (orange.9, #d9480f) gives white text only 4.3:1, under WCAG's 4.5:1 for small text; axe
 * caught it on a level-1 escalation badge. This orange keeps 5.9:1 both ways (white on it, it on white).
 */
export const warningColor = '#b43c0a';
