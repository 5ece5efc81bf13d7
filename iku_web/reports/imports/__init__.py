"""Excel imports: cell reading (xlsx), the indicator register, realisasi TW I..IV, the pages."""
