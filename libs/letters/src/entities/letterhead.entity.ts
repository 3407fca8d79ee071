import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** What a partner prints at the head of its letters, when it gave it: its logo (SVG). */
@Entity({ name: 'letter_letterhead' })
export class Letterhead {
  @PrimaryColumn({ name: 'partner_id', type: 'uuid' })
  partnerId: string;

  @Column({ name: 'logo_svg', type: 'text', nullable: true })
  logoSvg: string | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
